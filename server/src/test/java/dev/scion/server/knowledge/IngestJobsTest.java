package dev.scion.server.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background ingests: tenants take turns, and each may have a few at once. */
class IngestJobsTest {
  @TempDir Path tmp;

  private KnowledgeBase.Prepared prepare(KnowledgeBase kb, String name) throws IOException {
    Path file = tmp.resolve(name + ".md");
    StringBuilder md = new StringBuilder("# Manual " + name + "\n\n");
    for (int i = 1; i <= 8; i++) {
      md.append("## Step ").append(i).append("\n\n");
      for (int k = 0; k < 10; k++) {
        md.append("Operator ").append(name).append(" checks valve ").append(i * 10 + k);
        md.append(" twice before the morning shift, and writes the pressure in the log. ");
      }
      md.append("\n\n");
    }
    Files.writeString(file, md);
    return kb.prepare(file, name + ".md");
  }

  private static IngestJobs.Job job(String tenant, KnowledgeBase kb, KnowledgeBase.Prepared p) {
    return new IngestJobs.Job(
        UUID.randomUUID().toString(), tenant, "manuals", kb, List.of(p), List.of(), null);
  }

  @Test
  void tenantsTakeTurnsAndATenantMayHaveFourUploadsAtOnce() throws IOException {
    try (KnowledgeBase kb =
            KnowledgeBase.open(tmp.resolve("kb"), KnowledgeBase.Settings.DEFAULT_EN, 1 << 20);
        IngestJobs jobs = new IngestJobs(1)) {
      List<KnowledgeBase.Prepared> docs = new ArrayList<>();
      for (String name : List.of("a1", "a2", "a3", "a4", "a5", "b1")) {
        docs.add(prepare(kb, name));
      }
      List<IngestJobs.Job> submitted = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        submitted.add(jobs.submit(job("a", kb, docs.get(i))));
      }
      IngestJobs.Refused fifth =
          assertThrows(IngestJobs.Refused.class, () -> jobs.submit(job("a", kb, docs.get(4))));
      assertEquals(429, fifth.status());
      assertTrue(fifth.seconds > 0 && fifth.getMessage().contains("4 uploads"), fifth.getMessage());
      IngestJobs.Job b = jobs.submit(job("b", kb, docs.get(5)));
      submitted.add(b);
      submitted.forEach(j -> j.done.join());

      List<IngestJobs.Job> order = new ArrayList<>(submitted);
      order.sort(Comparator.comparing(IngestJobs.Job::finished));
      assertSame(b, order.get(1), "b's only upload runs after a's first, not after all four");
      for (IngestJobs.Job j : submitted) {
        assertEquals(IngestJobs.State.DONE, j.state());
        assertEquals(j.chunksTotal, j.chunksDone());
        assertNull(j.error());
      }
      assertEquals(5, kb.sources().size());
      assertSame(b, jobs.find("b", "manuals", b.id));
      assertNull(jobs.find("a", "manuals", b.id), "a tenant does not find another's job");
      assertEquals(4, jobs.list("a", "manuals").size());
    }
  }

  @Test
  void aJobThatCannotStoreItsDocumentFailsNamingItAndWhatToDo() throws IOException {
    KnowledgeBase kb =
        KnowledgeBase.open(tmp.resolve("kb"), KnowledgeBase.Settings.DEFAULT_EN, 1 << 20);
    KnowledgeBase.Prepared doc = prepare(kb, "c1");
    kb.close(); // as when the base is deleted while the upload waits
    try (IngestJobs jobs = new IngestJobs(1)) {
      IngestJobs.Job j = jobs.submit(job("c", kb, doc)).done.join();
      assertEquals(IngestJobs.State.FAILED, j.state());
      assertTrue(j.error().startsWith("c1.md could not be stored"), j.error());
      assertTrue(j.error().endsWith("upload them again"), j.error());
      assertEquals("failed", j.results().getFirst().status());
      assertEquals(j.error(), j.results().getFirst().error());
    }
  }
}
