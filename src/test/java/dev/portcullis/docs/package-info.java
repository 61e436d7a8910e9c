/** The doc harness: every shell example of README.md and docs/ runs, in order, against a real gateway. */
package dev.portcullis.docs;
