/**
 * Teaching a pack, per tenant: the examples a tenant reviewed (from its conversation log, say) are
 * added to its copy of the pack's data, a new version of the pack's understanding model is trained
 * from the pack's examples and the reviewed ones in the background, evaluated on the pack's stories
 * beside the version that serves, and promoted to serve the tenant's chats at once, with no
 * restart; a rollback brings back the version that served before. {@link
 * dev.scion.server.packs.PackRoutes} is the HTTP side, {@link dev.scion.server.packs.Retraining}
 * trains, keeps and serves the versions.
 */
package dev.scion.server.packs;
