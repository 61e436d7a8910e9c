/** Start-up configuration: the YAML file and PORTCULLIS_* variables resolved into one immutable record. */
package dev.portcullis.config;
