/**
 * sysdig's renderings of what the reader and the state tracker know: the
 * default event line, {@code evt.args}, field values such as {@code fd.name}
 * and {@code evt.res}, and flag, errno and signal names.
 */
package org.scapsql.render;
