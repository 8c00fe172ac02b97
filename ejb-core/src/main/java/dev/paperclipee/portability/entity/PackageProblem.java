package dev.paperclipee.portability.entity;

/**
 * Something wrong with a package, where it is: the file's path inside the package, the 1-based
 * line (0 when the problem is the file as a whole, or the package) and a sentence for a human.
 */
public record PackageProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
