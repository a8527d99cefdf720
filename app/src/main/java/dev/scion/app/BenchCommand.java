package dev.scion.app;

import dev.scion.bench.VectorBench;
import dev.scion.vector.Distance;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion bench ...}: side-by-side benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Side-by-side benchmarks against peer systems.",
    subcommands = {
      BenchCommand.Vector.class,
      BenchCommand.TextSetCommand.class,
      BenchCommand.Encoder.class,
      BenchCommand.NluBaselineCommand.class,
      BenchCommand.DedupCommand.class,
      BenchCommand.WordnetBeirCommand.class,
      BenchCommand.LoadCommand.class,
      BenchCommand.RestartCommand.class,
      BenchCommand.ChatLatencyCommand.class,
      BenchCommand.ConversationCommand.class
    })
final class BenchCommand implements Runnable {
  /** Prints a report, and writes it to {@code json} when given; returns the exit code 0. */
  static int report(com.fasterxml.jackson.databind.JsonNode report, Path json)
      throws java.io.IOException {
    String text = report.toPrettyString();
    if (json != null) {
      java.nio.file.Files.writeString(json, text);
    }
    System.out.println(text);
    return 0;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "vector",
      mixinStandardHelpOptions = true,
      description = {
        "Build the same data set with Scion and its peers (same M and efConstruction, one thread),",
        "sweep ef with single-threaded queries, and report recall@k against exact ground truth,",
        "QPS, build time and memory per vector."
      })
  static final class Vector implements Callable<Integer> {
    @Option(
        names = "--data",
        required = true,
        description = "fashion-mnist (Debian dataset-fashion-mnist) or an .fvecs file.")
    String data;

    @Option(
        names = "--queries",
        description =
            "An .fvecs file of queries (default: the set's own, or the last 5000 (at most 10%) held out).")
    Path queries;

    @Option(
        names = "--metric",
        defaultValue = "Cosine",
        description =
            "Distance for .fvecs files: Cosine, Dot or Euclid (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(
        names = "--peers",
        split = ",",
        defaultValue = "lucene,jvector,hnswlib,faiss",
        description = "Peers to run beside Scion (default: ${DEFAULT-VALUE}).")
    List<String> peers;

    @Option(names = "--m", defaultValue = "16", description = "HNSW M (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(
        names = "--ef-construction",
        defaultValue = "100",
        description = "HNSW efConstruction (default: ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(
        names = "--ef",
        split = ",",
        defaultValue = "10,20,40,80,120,200",
        description = "The ef values to sweep (default: ${DEFAULT-VALUE}).")
    List<Integer> efs;

    @Option(
        names = "--k",
        defaultValue = "10",
        description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--max-queries",
        defaultValue = "10000",
        description = "Use at most this many queries (default: ${DEFAULT-VALUE}).")
    int maxQueries;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (!data.equals("fashion-mnist") && !java.nio.file.Files.isRegularFile(Path.of(data))) {
        throw new ScionCommand.UsageException(
            "--data " + data + " is neither fashion-mnist nor an existing .fvecs file");
      }
      VectorBench.run(
          new VectorBench.Options(
              data,
              queries,
              Distance.parse(metric),
              peers,
              m,
              efConstruction,
              efs,
              k,
              maxQueries,
              json),
          System.err);
      if (json != null) {
        System.out.println("report written to " + json);
      }
      return 0;
    }
  }

  @Command(
      name = "text-set",
      mixinStandardHelpOptions = true,
      description = {
        "Make a 384-d set of real text embeddings for bench vector: WordNet glosses (Debian",
        "wordnet-base) embedded with bge-small-en-v1.5, written as .fvecs. Keep it outside the repository."
      })
  static final class TextSetCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The .fvecs file to write.")
    Path out;

    @Option(
        names = "--limit",
        defaultValue = "200000",
        description = "At most this many glosses (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Encoder threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
      int n = dev.scion.bench.TextSet.write(out, limit, threads, System.err);
      System.out.println(n + " vectors written to " + out);
      return 0;
    }
  }

  @Command(
      name = "encoder",
      mixinStandardHelpOptions = true,
      description = {
        "Encoder throughput (texts/s, tokens/s) of Scion's bge-small-en-v1.5 beside LangChain4j's",
        "embedding model of the same ONNX file, on the same WordNet glosses, in one run."
      })
  static final class Encoder implements Callable<Integer> {
    @Option(
        names = "--texts",
        defaultValue = "5000",
        description = "How many glosses (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Scion encoder threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      dev.scion.bench.EncoderBench.run(texts, threads, json, System.err);
      return 0;
    }
  }

  @Command(
      name = "nlu-baseline",
      mixinStandardHelpOptions = true,
      description = {
        "Intent accuracy of general-model baselines that train nothing on the industry's data:",
        "the nearest training example by sentence embedding, and zero-shot by intent names."
      })
  static final class NluBaselineCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "Data format: agif or pack.")
    String format;

    @Option(names = "--train", required = true, description = "Examples to search among.")
    Path train;

    @Option(names = "--data", required = true, description = "Annotated file to score on.")
    Path data;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      dev.scion.bench.NluBaseline.run(
          NluCommand.read(format, train), NluCommand.read(format, data), json, System.err);
      return 0;
    }
  }

  @Command(
      name = "dedup",
      mixinStandardHelpOptions = true,
      description = {
        "Deduplication side by side with the usual way:",
        "  semantic: k-means-partitioned pairs against exact all-pairs cosine on the same vectors;",
        "  minhash: docs/s against a straightforward reference, and pair precision and recall on a",
        "  labelled near-duplicate set made from WordNet glosses (Debian wordnet-base) with known edits."
      })
  static final class DedupCommand implements Callable<Integer> {
    @Option(
        names = "--vectors",
        description =
            "An .fvecs file of text vectors (default: the one bench text-set writes to ~/.cache/scion/bench).")
    Path vectors;

    @Option(
        names = "--n",
        defaultValue = "100000",
        description = "Vectors for the semantic part (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(
        names = "--cosine",
        defaultValue = "0.95",
        description = "Cosine threshold (default: ${DEFAULT-VALUE}).")
    double cosine;

    @Option(
        names = "--bases",
        defaultValue = "20000",
        description = "Source documents of the labelled set (default: ${DEFAULT-VALUE}).")
    int bases;

    @Option(
        names = "--jaccard",
        defaultValue = "0.8",
        description = "Jaccard threshold (default: ${DEFAULT-VALUE}).")
    double jaccard;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the labelled set.")
    long seed;

    @Option(
        names = "--parts",
        split = ",",
        defaultValue = "semantic,minhash",
        description = "Which parts to run (default: ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(
        names = "--write-set",
        description = "Also write the labelled set (docs.jsonl, pairs.jsonl) to this folder.")
    Path writeSet;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
      if (parts.contains("semantic")) {
        Path v =
            vectors != null
                ? vectors
                : Path.of(
                    System.getProperty("user.home"), ".cache/scion/bench/wordnet-bge-small.fvecs");
        if (!java.nio.file.Files.isRegularFile(v)) {
          throw new ScionCommand.UsageException(
              v + " does not exist; make it with: scion bench text-set --out " + v);
        }
        report.put("semantic", dev.scion.bench.DedupBench.semantic(v, n, cosine, System.err));
      }
      if (parts.contains("minhash")) {
        List<String> glosses =
            dev.scion.bench.TextSet.wordnetGlosses(dev.scion.bench.TextSet.WORDNET);
        report.put(
            "minhash",
            dev.scion.bench.DedupBench.minhash(
                glosses, bases, jaccard, seed, writeSet, System.err));
      }
      String text =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(report);
      if (json != null) {
        java.nio.file.Files.writeString(json, text);
      }
      System.out.println(text);
      return 0;
    }
  }

  @Command(
      name = "beir-wordnet",
      mixinStandardHelpOptions = true,
      description = {
        "Write a BEIR-format retrieval set made from WordNet (Debian wordnet-base) for kb eval-beir:",
        "synset definitions as the corpus, WordNet's example sentences as queries."
      })
  static final class WordnetBeirCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The folder to write.")
    Path out;

    @Option(
        names = "--corpus",
        defaultValue = "20000",
        description = "Corpus documents (default: ${DEFAULT-VALUE}).")
    int corpus;

    @Option(
        names = "--queries",
        defaultValue = "500",
        description = "Queries (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      int n = dev.scion.bench.WordnetBeir.write(out, corpus, queries, seed);
      System.err.println(n + " documents and " + queries + " queries written to " + out);
      return 0;
    }
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Loopback load test with wrk (Debian) of vector search and pack chat: the saturated",
        "throughput, then one tenant asking for --load of it, alone and while a second tenant",
        "floods the same endpoint past its per-minute limit; reports throughput and p50/p90/p99",
        "latency of each run and the p99 ratio."
      })
  static final class LoadCommand implements Callable<Integer> {
    @Option(
        names = "--seconds",
        defaultValue = "15",
        description = "Length of each run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
        names = "--connections",
        defaultValue = "4",
        description = "The measured tenant's connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
        names = "--rounds",
        defaultValue = "3",
        description =
            "Times the alone and flooded runs take turns; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
        names = "--load",
        defaultValue = "0.5",
        description =
            "Share of the saturated throughput the measured tenant asks for (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(
        names = "--flood-connections",
        defaultValue = "16",
        description = "The flooding tenant's connections (default: ${DEFAULT-VALUE}).")
    int floodConnections;

    @Option(
        names = "--flood-limit",
        defaultValue = "60",
        description = "The flooding key's requests per minute (default: ${DEFAULT-VALUE}).")
    int floodLimit;

    @Option(
        names = "--points",
        defaultValue = "20000",
        description = "Vectors in each tenant's collection (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--no-chat", description = "Measure vector search only (no pack is loaded).")
    boolean noChat;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (load <= 0 || load > 1) {
        throw new ScionCommand.UsageException("--load must be above 0 and at most 1, got " + load);
      }
      if (rounds < 1 || seconds < 1 || connections < 1 || floodConnections < 1 || points < 1) {
        throw new ScionCommand.UsageException(
            "--seconds, --connections, --flood-connections and --points must be at least 1");
      }
      Path pack = noChat ? null : dev.scion.dialog.Pack.packsFolder().resolve("ota-hotel");
      var report =
          dev.scion.bench.LoadBench.run(
              seconds,
              rounds,
              connections,
              load,
              floodConnections,
              floodLimit,
              points,
              pack,
              System.err);
      return report(report, json);
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = {
        "Time to reopen a vector database after a crash, for each checkpoint threshold: a fresh",
        "process upserts --points vectors (acknowledged writes, batches of 200) and halts without",
        "closing; another opens the database and counts them. Reports the log left to replay, the",
        "median reopen time over --rounds (thresholds alternate in order) and the ratio to the",
        "first threshold."
      })
  static final class RestartCommand implements Callable<Integer> {
    @Option(
        names = "--points",
        defaultValue = "40000",
        description = "Vectors written before the crash (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(
        names = "--dim",
        defaultValue = "384",
        description = "Their dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(
        names = "--checkpoint-mib",
        split = ",",
        defaultValue = "64,4",
        description = "Checkpoint thresholds to compare, in MiB (default: ${DEFAULT-VALUE}).")
    List<Long> thresholds;

    @Option(
        names = "--rounds",
        defaultValue = "3",
        description = "Runs per threshold; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
        names = "--seed",
        defaultValue = "20261206",
        description = "Seed of the random vectors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (points < 1 || dim < 1 || rounds < 1 || thresholds.stream().anyMatch(t -> t < 1)) {
        throw new ScionCommand.UsageException(
            "--points, --dim, --rounds and every --checkpoint-mib must be at least 1");
      }
      var report =
          dev.scion.bench.RestartBench.run(
              points,
              dim,
              thresholds.stream().map(m -> m << 20).toList(),
              rounds,
              seed,
              System.err);
      return report(report, json);
    }
  }

  @Command(
      name = "chat",
      mixinStandardHelpOptions = true,
      description = {
        "Latency of a pack embedded in the process: the stories' user messages replayed in their",
        "conversations (one warm-up pass, then --rounds timed passes), timing the understanding",
        "model alone and the whole turn (state, tools, knowledge, reply); p50/p90/p99/max in ms,",
        "per language and overall."
      })
  static final class ChatLatencyCommand implements Callable<Integer> {
    @Option(
        names = "--pack",
        defaultValue = "ota-hotel",
        description = "The pack (default: ${DEFAULT-VALUE}).")
    String pack;

    @Option(
        names = "--stories",
        arity = "1..*",
        description = "Stories files (YAML) to replay (default: the pack's stories/*.yaml).")
    List<Path> files;

    @Option(
        names = "--rounds",
        defaultValue = "3",
        description = "Timed passes over the stories (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
        names = "--today",
        description = "The date for stories that give none (YYYY-MM-DD; default: today in UTC).")
    String today;

    @Option(
        names = "--data",
        defaultValue = "${env:SCION_DATA:-scion-data}",
        description =
            "Where the pack's models, database and knowledge base are kept (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new ScionCommand.UsageException("--rounds must be at least 1, got " + rounds);
      }
      List<Path> stories =
          files != null
              ? files
              : ChatEvalCommand.packStoryFiles(dev.scion.dialog.Pack.packsFolder().resolve(pack));
      var read = ChatEvalCommand.readStories(stories);
      com.fasterxml.jackson.databind.node.ObjectNode report;
      try (var p = ChatCommand.open(pack, data)) {
        report =
            dev.scion.bench.ChatBench.run(p, read, ChatCommand.today(today), rounds, System.err);
      }
      return report(report, json);
    }
  }

  @Command(
      name = "conversation",
      mixinStandardHelpOptions = true,
      description = {
        "The cost of a long conversation over /v1/chat/completions on a real server: the stories'",
        "messages strung into conversations of --turns turns, sent turn by turn with the whole",
        "history; the request at turn 1 and at the last turn with the state kept by the server,",
        "and the last turn of the same history replayed as a new conversation; p50/p90/p99 in ms."
      })
  static final class ConversationCommand implements Callable<Integer> {
    @Option(
        names = "--pack",
        defaultValue = "ota-hotel",
        description = "The pack (default: ${DEFAULT-VALUE}).")
    String pack;

    @Option(
        names = "--turns",
        defaultValue = "30",
        description = "Turns per conversation (default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(
        names = "--conversations",
        defaultValue = "8",
        description = "Timed conversations, after one warm-up (default: ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
        names = "--today",
        description = "The date of every request (YYYY-MM-DD; default: today in UTC).")
    String today;

    @Option(
        names = "--data",
        required = true,
        description = "The server's data folder (its models are trained there on first use).")
    Path data;

    @Option(names = "--json", description = "Write the report to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (turns < 2 || conversations < 1) {
        throw new ScionCommand.UsageException(
            "--turns must be 2 or more and --conversations 1 or more");
      }
      Path dir = dev.scion.dialog.Pack.packsFolder().resolve(pack);
      var stories = ChatEvalCommand.readStories(ChatEvalCommand.packStoryFiles(dir));
      var config = dev.scion.server.ServerConfig.local(data, 0).withPacks(List.of(dir));
      com.fasterxml.jackson.databind.node.ObjectNode report;
      try (var server = dev.scion.server.ScionServer.start(config)) {
        report =
            dev.scion.bench.ConversationBench.run(
                server.port(),
                pack,
                stories,
                turns,
                conversations,
                ChatCommand.today(today),
                System.err);
      }
      return report(report, json);
    }
  }
}
