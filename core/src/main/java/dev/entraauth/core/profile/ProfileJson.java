package dev.entraauth.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The JSON settings shared by every file the CLI reads and writes, and the translation of Jackson's
 * errors into one line naming the file, the line and column, and the field.
 */
public final class ProfileJson {
    private ProfileJson() {
    }

    /** {@return a strict mapper: no unknown fields, no duplicate keys, no coercion of numbers to text} */
    public static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Collection, LogicalType.POJO, LogicalType.Integer)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Turns a Jackson failure into a one-line, user-facing error.
     *
     * @param file the file being read
     * @param e    the failure
     * @return the error, {@link ExitCode#CONFIG}, naming the file, position and field
     */
    public static EntraAuthException invalid(Path file, JsonProcessingException e) {
        StringBuilder message = new StringBuilder().append(file);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(": line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        message.append(": ").append(describe(e));
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && !(e instanceof UnrecognizedPropertyException)) {
            message.append(" (at ").append(path(mapping.getPath())).append(')');
        }
        message.append(". The file was left unchanged; correct it and try again");
        return new EntraAuthException(ExitCode.CONFIG, message.toString(), e);
    }

    /**
     * @param file    the file being read
     * @param problem what is wrong, naming the field
     * @return the error, {@link ExitCode#CONFIG}
     */
    public static EntraAuthException invalid(Path file, String problem) {
        return new EntraAuthException(ExitCode.CONFIG, file + ": " + problem + ". The file was left unchanged; correct it and try again");
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'"
                    + (unknown.getPath().size() > 1 ? " in " + path(unknown.getPath().subList(0, unknown.getPath().size() - 1)) : "");
        }
        if (e instanceof InvalidFormatException format) {
            return "the value " + format.getValue() + " is not " + expected(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "wrong type: expected " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        String original = e.getOriginalMessage();
        int newline = original == null ? -1 : original.indexOf('\n');
        String text = newline < 0 ? String.valueOf(original) : original.substring(0, newline);
        return "not valid JSON: " + text;
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
