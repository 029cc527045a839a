/** Helpers for testing a Flow provider against the emulator without the CLI. */
package dev.entraauth.testkit.flow;
