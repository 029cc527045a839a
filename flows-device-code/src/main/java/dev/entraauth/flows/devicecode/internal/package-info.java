/**
 * The DeviceCode flow's implementation; not exported.
 */
package dev.entraauth.flows.devicecode.internal;
