package dev.paperclipee.secret.boundary;

/** A partial update of a secret's metadata: null leaves a field; a blank description clears it. The value changes only by rotation. */
public record SecretChanges(String name, String description) {
}
