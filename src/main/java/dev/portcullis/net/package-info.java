/** Which network addresses the gateway may connect to when a caller names the host: the special-purpose table. */
package dev.portcullis.net;
