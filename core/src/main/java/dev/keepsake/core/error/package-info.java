/**
 * The sealed, unchecked exceptions every Keepsake operation fails with, one subtype per thing
 * the caller must do differently ({@link dev.keepsake.core.error.PersistenceException} and its
 * subtypes); each names the key and backend, never the value.
 *
 * <p>May use: no other Keepsake package.
 */
package dev.keepsake.core.error;
