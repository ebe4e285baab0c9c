/**
 * Codecs: descriptions of a value's shape built from combinators ({@link
 * dev.keepsake.core.codec.Codecs}), and the serializers that turn values into JSON or the
 * compact binary form through them ({@link dev.keepsake.core.codec.Serializers}); the JSON
 * tree ({@code JsonValue} and its kinds). No reflection: the browser build cannot use it.
 *
 * <p>May use: dev.keepsake.core.error, dev.keepsake.core.internal.
 */
package dev.keepsake.core.codec;
