/**
 * Plugin directories: each jar's descriptor ({@code META-INF/isolate4j/extension.properties}) read
 * strictly, and checked against the host's {@code PluginPolicy} before it becomes an extension's
 * configuration. Internal: not part of the API.
 */
package dev.isolate4j.internal.plugin;
