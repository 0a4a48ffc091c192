package io.buzon.store.delivery;

/**
 * A message body stored and held for delivery. The hold keeps it alive until
 * {@link DeliveryService#release(StagedContent)}; deliver it to any number of recipients first.
 *
 * @param holdId       the staging hold to release
 * @param contentId    the shared content row
 * @param size         octets of the normalised (CRLF) content
 * @param sha256       hex SHA-256 of the normalised content
 * @param deduplicated true when identical content was already stored and this staging reused it
 */
public record StagedContent(long holdId, long contentId, long size, String sha256, boolean deduplicated) {
}
