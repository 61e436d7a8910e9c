/** What ships beside the jar: the launcher and wrapper scripts, the container image. */
package dev.portcullis.deploy;
