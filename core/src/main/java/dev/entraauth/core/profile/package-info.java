/**
 * The profile file ({@code profiles.json}): reading with precise errors (path, line, column, field),
 * atomic writes under a cross-process lock, and never a silent reset of a file that cannot be read.
 */
package dev.entraauth.core.profile;
