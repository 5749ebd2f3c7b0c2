package dev.codexauth.ops.control;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Maps the original's VARCHAR timestamp columns to {@link Instant}. Writes one format; reads every legacy form.
 * A value no reader understands becomes null in memory; entities use dynamic updates, so it is never written back.
 */
@Converter
public class TextTimestamp implements AttributeConverter<Instant, String> {

    @Override
    public String convertToDatabaseColumn(Instant instant) {
        return Timestamps.format(instant);
    }

    @Override
    public Instant convertToEntityAttribute(String text) {
        return Timestamps.parse(text).orElse(null);
    }
}
