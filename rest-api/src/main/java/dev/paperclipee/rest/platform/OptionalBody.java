package dev.paperclipee.rest.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request body type whose fields are all optional: an empty body reads as {@code {}}
 * (clients call e.g. {@code POST /issues/:id/admin/force-release} with no body at all), while
 * JSON {@code null} and malformed bodies are still refused. See {@link StrictJsonBodies}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OptionalBody {
}
