package dev.paperclipee.shared.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.UUID;

/**
 * For nullable {@code uuid} columns (links such as {@code parent_id}). EclipseLink 4.0's built-in
 * UUID converter throws a NullPointerException when it reads a null (eclipse-ee4j/eclipselink#2768,
 * fixed after the version Payara ships); naming this converter replaces the built-in one. The
 * PostgreSQL driver reads and binds {@code java.util.UUID} itself, so values pass through unchanged.
 */
@Converter(autoApply = false)
public class NullableUuid implements AttributeConverter<UUID, UUID> {

    @Override
    public UUID convertToDatabaseColumn(UUID attribute) {
        return attribute;
    }

    @Override
    public UUID convertToEntityAttribute(UUID column) {
        return column;
    }
}
