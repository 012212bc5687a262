/**
 * The commands besides the shell: {@code dump} (a capture as {@code sysdig -r}
 * prints it), {@code bench} and {@code generate}.
 */
package org.scapsql.tools;
