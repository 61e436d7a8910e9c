/** Change notification between the store's writers and every node's in-memory state: in process, or over Redis. */
package dev.portcullis.cluster;
