/**
 * The person at the keyboard: prompts (plain and no-echo), choices and confirmations, and the
 * {@link dev.entraauth.api.Interaction} handed to providers. Prompts need a terminal; without one every
 * question fails with a message naming the flag to pass instead.
 */
package dev.entraauth.cli.terminal;
