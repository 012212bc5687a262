/** Test data shared by every module's tests. */
package org.scapsql;
