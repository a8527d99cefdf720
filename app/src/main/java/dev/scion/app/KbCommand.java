package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.knowledge.Answerer;
import dev.scion.knowledge.BeirEval;
import dev.scion.knowledge.HybridIndex;
import dev.scion.knowledge.KnowledgeBase;
import dev.scion.models.ChatClient;
import dev.scion.models.LlmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scion kb ...}: knowledge bases. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "Knowledge bases: ingest documents, search them, answer with citations.",
    subcommands = {
      KbCommand.Ingest.class,
      KbCommand.Search.class,
      KbCommand.Ask.class,
      KbCommand.ListSources.class,
      KbCommand.Remove.class,
      KbCommand.EvalBeir.class,
      KbCommand.EvalQuestions.class
    })
final class KbCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the knowledge base lives and how a new one is set up. */
  static final class Base {
    @Option(names = "--kb", required = true, description = "The knowledge base folder.")
    Path dir;

    @Option(
        names = "--language",
        defaultValue = "en",
        description = "en or zh, for a new base: analyzer and encoder (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(
        names = "--chunk-tokens",
        defaultValue = "256",
        description = "Chunk size in encoder tokens, for a new base (default: ${DEFAULT-VALUE}).")
    int chunkTokens;

    @Option(
        names = "--max-file-mb",
        defaultValue = "64",
        description = "Refuse files larger than this (default: ${DEFAULT-VALUE}).")
    int maxFileMb;

    KnowledgeBase open(boolean mustExist) {
      if (mustExist && !Files.exists(dir.resolve("kb.json"))) {
        throw new ScionCommand.UsageException(
            dir
                + " is not a knowledge base; create one with: scion kb ingest --kb "
                + dir
                + " FILES");
      }
      return KnowledgeBase.open(
          dir,
          new KnowledgeBase.Settings(language, chunkTokens, Math.max(16, chunkTokens * 3 / 16)),
          (long) maxFileMb << 20);
    }
  }

  static void print(Object json) throws Exception {
    System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = {
        "Add files and folders (PDF, DOCX, HTML, Markdown, text, ...). A changed file replaces its",
        "chunks, an unchanged one is skipped, files gone from an ingested folder are removed.",
        "A file that cannot be read is reported; the others are still ingested (exit code 1)."
      })
  static final class Ingest implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Parameters(arity = "1..*", description = "Files and folders.")
    List<Path> paths;

    @Override
    public Integer call() {
      try (KnowledgeBase kb = base.open(false)) {
        KnowledgeBase.IngestReport r = kb.ingest(paths, System.err::println);
        System.err.printf(
            Locale.ROOT,
            "%d files, %d failed; %,d tokens in %.1f s (%,.0f tokens/s); the base holds %,d tokens%n",
            r.files().size(),
            r.failed(),
            r.tokens(),
            r.seconds(),
            r.tokens() / Math.max(1e-9, r.seconds()),
            kb.totalTokens());
        return r.failed() == 0 ? 0 : 1;
      }
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true, description = "Find passages.")
  static final class Search implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Option(
        names = "--k",
        defaultValue = "5",
        description = "Passages (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--mode",
        defaultValue = "hybrid",
        description = "hybrid, bm25 or dense (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--source", description = "Only passages of this source.")
    String source;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(arity = "1..*", description = "The query.")
    List<String> query;

    @Override
    public Integer call() throws Exception {
      HybridIndex.Mode m;
      try {
        m = HybridIndex.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ScionCommand.UsageException(
            "unknown --mode " + mode + "; use hybrid, bm25 or dense");
      }
      try (KnowledgeBase kb = base.open(true)) {
        List<KnowledgeBase.Passage> found = kb.search(String.join(" ", query), k, m, source);
        if (json) {
          print(
              found.stream()
                  .map(
                      p -> {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("source", p.chunk().source());
                        o.put("titles", p.chunk().titles());
                        o.put("start", p.chunk().start());
                        o.put("end", p.chunk().end());
                        o.put("score", p.score());
                        o.put("text", p.chunk().text());
                        return o;
                      })
                  .toList());
        } else {
          int n = 1;
          for (KnowledgeBase.Passage p : found) {
            System.out.printf(
                Locale.ROOT,
                "%d. %s%n   %s%n",
                n++,
                p.chunk().citation(),
                p.chunk().text().replace("\n", "\n   "));
          }
        }
        return 0;
      }
    }
  }

  @Command(
      name = "ask",
      mixinStandardHelpOptions = true,
      description = {
        "Answer a question with citations. Extractive by default; with SCION_LLM_BASE_URL (and",
        "SCION_LLM_MODEL, SCION_LLM_API_KEY) set, a model writes the answer from the passages only."
      })
  static final class Ask implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Option(
        names = "--k",
        defaultValue = "3",
        description = "Passages (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(arity = "1..*", description = "The question.")
    List<String> question;

    @Override
    public Integer call() throws Exception {
      ChatClient llm =
          LlmConfig.fromEnvironment(System.getenv())
              .map(c -> new ChatClient(c, Duration.ofSeconds(60)))
              .orElse(null);
      try (KnowledgeBase kb = base.open(true)) {
        Answerer.Answer a = new Answerer(kb, llm).ask(String.join(" ", question), k);
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("question", a.question());
          o.put("answer", a.answer());
          o.put("mode", a.mode());
          o.put("citations", a.citations());
          o.put("context_tokens", a.contextTokens());
          o.put("knowledge_base_tokens", a.knowledgeBaseTokens());
          o.put("savings", Math.round(a.savings() * 10) / 10.0);
          print(o);
        } else {
          System.out.println(a.answer());
          for (Answerer.Citation c : a.citations()) {
            System.out.printf(
                Locale.ROOT,
                "[%d] %s%s (characters %d-%d)%n",
                c.n(),
                c.source(),
                c.titles().isEmpty() ? "" : " § " + String.join(" > ", c.titles()),
                c.start(),
                c.end());
          }
          System.out.printf(
              Locale.ROOT,
              "context: %,d tokens; the whole base: %,d tokens (%.0fx fewer)%n",
              a.contextTokens(),
              a.knowledgeBaseTokens(),
              a.savings());
        }
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sources.")
  static final class ListSources implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Override
    public Integer call() {
      try (KnowledgeBase kb = base.open(true)) {
        for (KnowledgeBase.Source s : kb.sources()) {
          System.out.printf(
              Locale.ROOT,
              "%s\t%d chunks\t%d tokens\t%s%n",
              s.name(),
              s.chunks(),
              s.tokens(),
              s.title());
        }
        System.out.printf(
            Locale.ROOT,
            "%d sources, %,d tokens; %d answers used %,d context tokens%n",
            kb.sources().size(),
            kb.totalTokens(),
            kb.answers(),
            kb.contextTokens());
        return 0;
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a source.")
  static final class Remove implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Parameters(description = "The source name, as kb list shows it.")
    String source;

    @Override
    public Integer call() {
      try (KnowledgeBase kb = base.open(true)) {
        if (!kb.remove(source)) {
          throw new ScionCommand.UsageException(
              "no source named " + source + "; see: scion kb list");
        }
        System.err.println("removed " + source);
        return 0;
      }
    }
  }

  @Command(
      name = "eval-beir",
      mixinStandardHelpOptions = true,
      description = {
        "Retrieval quality on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv):",
        "nDCG@10 and recall@100 of hybrid retrieval, beside BM25 alone and the encoder alone."
      })
  static final class EvalBeir implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "The BEIR folder.")
    Path data;

    @Option(
        names = "--language",
        defaultValue = "en",
        description = "en or zh (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(data)) {
        throw new ScionCommand.UsageException("--data " + data + " is not a folder");
      }
      Map<String, Object> r = BeirEval.run(data, language, System.err::println);
      if (json) {
        System.out.println(JSON.writeValueAsString(r));
      } else {
        print(r);
      }
      return 0;
    }
  }

  @Command(
      name = "eval-questions",
      mixinStandardHelpOptions = true,
      description = {
        "Check a base against questions written for it (JSONL of {question, source, section}):",
        "how often the passage holding the answer is in the top k, and the context tokens of the",
        "answers beside the whole base."
      })
  static final class EvalQuestions implements Callable<Integer> {
    @picocli.CommandLine.Mixin Base base;

    @Option(names = "--questions", required = true, description = "The question file.")
    Path questions;

    @Option(
        names = "--k",
        defaultValue = "5",
        description = "Passages searched (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--answer-passages",
        defaultValue = "3",
        description = "Passages per answer, as kb ask --k (default: ${DEFAULT-VALUE}).")
    int answerPassages;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(questions)) {
        throw new ScionCommand.UsageException("question file " + questions + " does not exist");
      }
      try (KnowledgeBase kb = base.open(true)) {
        print(dev.scion.knowledge.QuestionEval.run(kb, questions, k, answerPassages));
        return 0;
      }
    }
  }
}
