/** Text shared by the commands and the flows: the marks of the product's messages. */
package dev.entraauth.core.text;
