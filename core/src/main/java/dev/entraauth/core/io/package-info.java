/**
 * File I/O for anything that may hold secrets: private directories and files created with their
 * permissions at creation, atomic durable writes, and cross-process locks with a bounded wait.
 */
package dev.entraauth.core.io;
