/**
 * Where a call goes: the model address read once, the request's own addressing headers as a plain record, the
 * resolution of a plan's target into a provider target, and the guard on caller-supplied hosts.
 */
package dev.portcullis.routing;
