/** Where a call goes: model addressing, provider targets, and the guard on caller-supplied hosts. */
package dev.portcullis.routing;
