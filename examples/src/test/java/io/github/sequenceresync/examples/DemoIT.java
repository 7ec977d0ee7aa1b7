package io.github.sequenceresync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demo runs and shows what it promises. */
class DemoIT {

    @Test
    void demoShowsTheFailureThenTheFix() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("FAILED: ERROR: duplicate key value violates unique constraint \"orders_pkey\"")
                .contains("shop.orders_id_seq")
                .containsPattern("shop\\.invoice_no +shop\\.archived_invoices\\.id, shop\\.invoices\\.id +1000 +1501 +advance")
                .contains("OK, new order id 43")
                .contains("0 advanced, 3 unchanged");
    }
}
