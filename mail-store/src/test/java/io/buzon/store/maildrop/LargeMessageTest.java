package io.buzon.store.maildrop;

import io.buzon.store.account.Account;
import io.buzon.store.config.StoreConfig;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 50 MB message goes in from a generating stream and comes out chunk by chunk; neither side ever has
 * more than one chunk of it in memory.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LargeMessageTest {

    private static final int LINE = 998;           // longest line RFC 5322 allows, without its line end
    private static final long LINES = 52_000;      // 52,000 x 1,000 = 52 MB stored

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropService maildrops;

    @Inject
    QuotaService quotas;

    @Inject
    StoreConfig config;

    @Inject
    StoreFixtures fixtures;

    @Test
    void fiftyMegabytesStreamInAndOutInBoundedChunks() throws Exception {
        Account account = fixtures.newAccount();
        String salt = UUID.randomUUID().toString();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        long expectedSize = LINES * (LINE + 2);

        StagedContent staged = delivery.stage(new GeneratedLines(salt, expected));
        DeliveredMessage message = delivery.deliver(account.id(), staged, null, null, null);
        delivery.release(staged);
        assertEquals(expectedSize, staged.size());
        assertEquals(expectedSize, message.size());
        assertEquals(HexFormat.of().formatHex(expected.digest()), staged.sha256());
        assertEquals((expectedSize + config.chunkSize() - 1) / config.chunkSize(),
                fixtures.queryLong("select count(*) from content_chunk where content_id = ?", staged.contentId()));
        assertEquals(config.chunkSize(),
                fixtures.queryLong("select max(length(data)) from content_chunk where content_id = ?", staged.contentId()));

        MessageReader reader = maildrops.reader(account.id(), message.messageId());
        assertEquals(expectedSize, reader.size());
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        // the first chunk came with the message row: handed out without a query, then nothing more is
        // in memory although the message is far from finished
        byte[] first = reader.nextChunkIfLoaded();
        assertEquals(config.chunkSize(), first.length);
        assertNull(reader.nextChunkIfLoaded());
        assertFalse(reader.finished());
        read.update(first);
        long total = first.length;
        int chunks = 1;
        for (byte[] chunk = reader.nextChunk(); chunk != null; chunk = reader.nextChunk()) {
            assertTrue(chunk.length <= config.chunkSize(), "chunk of " + chunk.length + " bytes");
            read.update(chunk);
            total += chunk.length;
            chunks++;
        }
        assertNull(reader.nextChunk());
        assertTrue(reader.finished());
        assertEquals(expectedSize, total);
        assertEquals((expectedSize + config.chunkSize() - 1) / config.chunkSize(), chunks);
        assertEquals(staged.sha256(), HexFormat.of().formatHex(read.digest()));

        assertEquals(quotas.recount(account.id()), quotas.usage(account.id()));
        fixtures.commitAsSession(account.id(), Set.of(message.messageId()));
        assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", staged.contentId()));
        assertEquals(0, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", staged.contentId()));
    }

    /**
     * LINES lines of LINE characters ending in a bare LF, produced on demand; feeds the CRLF form of
     * every line into {@code expected} as it goes, so the expected digest is never materialised either.
     */
    private static final class GeneratedLines extends InputStream {
        private final byte[] line = new byte[LINE + 1];
        private final byte[] salt;
        private final MessageDigest expected;
        private long lineNo;
        private int pos = line.length;

        GeneratedLines(String salt, MessageDigest expected) {
            this.salt = salt.getBytes(StandardCharsets.US_ASCII);
            this.expected = expected;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == line.length && !nextLine()) {
                return -1;
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean nextLine() {
            if (lineNo == LINES) {
                return false;
            }
            lineNo++;
            byte[] number = Long.toString(lineNo).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < LINE; i++) {
                line[i] = i < number.length ? number[i] : i < number.length + salt.length ? salt[i - number.length] : (byte) ('a' + i % 26);
            }
            line[LINE] = '\n';
            expected.update(line, 0, LINE);
            expected.update(new byte[] {'\r', '\n'});
            pos = 0;
            return true;
        }
    }
}
