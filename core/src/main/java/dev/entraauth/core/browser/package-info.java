/**
 * Opening the user's browser without {@code java.desktop}: {@link dev.entraauth.core.browser.BrowserLauncher} runs
 * {@code BROWSER}, {@code xdg-open}, {@code open} or {@code rundll32} with the URL as one argument, and tells whether a
 * display is there at all.
 */
package dev.entraauth.core.browser;
