/** Smart routing: which providers serve a bare model id, and how they are ranked live. */
package dev.portcullis.routing.smart;
