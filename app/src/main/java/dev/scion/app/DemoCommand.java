package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.server.ScionServer;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scion demo}: the platform with demo data, on 127.0.0.1:8080 by default. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start Scion with demo data loaded (a 'cities' collection to try the vector API on).")
final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cities of the demo: name, Chinese name, country, latitude, longitude. */
  private static final String[][] CITIES = {
    {"Hanoi", "河内", "VN", "21.03", "105.85"},
    {"Da Nang", "岘港", "VN", "16.05", "108.22"},
    {"Ho Chi Minh City", "胡志明市", "VN", "10.82", "106.63"},
    {"Hoi An", "会安", "VN", "15.88", "108.33"},
    {"Nha Trang", "芽庄", "VN", "12.24", "109.19"},
    {"Beijing", "北京", "CN", "39.90", "116.41"},
    {"Shanghai", "上海", "CN", "31.23", "121.47"},
    {"Guangzhou", "广州", "CN", "23.13", "113.26"},
    {"Shenzhen", "深圳", "CN", "22.54", "114.06"},
    {"Hangzhou", "杭州", "CN", "30.27", "120.16"},
    {"Bangkok", "曼谷", "TH", "13.76", "100.50"},
    {"Singapore", "新加坡", "SG", "1.35", "103.82"},
    {"Tokyo", "东京", "JP", "35.68", "139.69"},
  };

  @Mixin ServeOptions options;

  @Override
  public Integer call() throws InterruptedException {
    List<java.nio.file.Path> packs = dev.scion.dialog.Pack.installed();
    System.out.println(
        "Starting Scion with packs " + packs + " (the first start trains their models)...");
    dev.scion.server.ServerConfig config = options.toConfig().withPacks(packs);
    ScionServer server = ScionServer.start(config);
    loadDemoData(server.database());
    List<String> forms = deployDemoForms(server.forms());
    int people =
        loadDemoPeople(
            server.tenancy().platform().directory(),
            dev.scion.dialog.Pack.packsFolder().resolve("office-approval").resolve("people.csv"));
    System.out.println("Demo data: collection 'cities' (2-d, Euclid on latitude/longitude). Try:");
    System.out.println(
        "  curl -s -X POST http://127.0.0.1:"
            + server.port()
            + "/collections/cities/points/search -H 'Content-Type: application/json'"
            + " -d '{\"vector\":[16.0,108.0],\"limit\":3,\"with_payload\":true}'");
    System.out.println("Forms of the office-approval pack deployed: " + forms + ". Start one:");
    System.out.println(
        "  curl -s -X POST http://127.0.0.1:"
            + server.port()
            + "/forms/leave_request/requests -H 'Content-Type: application/json'"
            + " -d '{\"applicant\":\"lan\",\"data\":{\"start_date\":\"2026-12-21\",\"days\":2,\"kind\":\"annual\"}}'");
    System.out.println(
        "Its approvers come from the directory ("
            + people
            + " people: console > People); lan's manager minh decides:");
    System.out.println(
        "  curl -s 'http://127.0.0.1:"
            + server.port()
            + "/forms/tasks?user=minh'; then POST /forms/tasks/ID/approve {\"user\":\"minh\"}");
    System.out.println("Chat with the ota-hotel pack (OpenAI-compatible):");
    System.out.println(
        "  curl -s http://127.0.0.1:"
            + server.port()
            + "/v1/chat/completions -H 'Content-Type: application/json'"
            + " -d '{\"model\":\"ota-hotel\",\"messages\":[{\"role\":\"user\",\"content\":\"hotels in Da Nang for the 10th for 2 nights\"}]}'");
    ServeCommand.runUntilInterrupted(server, config.host());
    return 0;
  }

  /** Compiles the office-approval pack's forms from their plain words and deploys them. */
  static List<String> deployDemoForms(dev.scion.forms.FormRuntime runtime) {
    List<String> keys = new ArrayList<>();
    java.nio.file.Path dir =
        dev.scion.dialog.Pack.packsFolder().resolve("office-approval").resolve("forms");
    if (!java.nio.file.Files.isDirectory(dir)) {
      return keys;
    }
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f :
          files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        var draft = dev.scion.forms.Intake.draft(java.nio.file.Files.readString(f));
        var form =
            dev.scion.forms.FormParser.parse(dev.scion.forms.FormFormatter.format(draft.form()));
        if (runtime.form(dev.scion.forms.BpmnWriter.processId(form.name())) == null) {
          runtime.deploy(form);
        }
        keys.add(dev.scion.forms.BpmnWriter.processId(form.name()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return keys;
  }

  /**
   * The office-approval pack's people (who manages whom, who is in finance or HR) as the default
   * tenant's directory, when it has none yet; returns how many people it holds.
   */
  static int loadDemoPeople(
      dev.scion.server.tenancy.OrgDirectory directory, java.nio.file.Path csv) {
    String tenant = dev.scion.server.tenancy.Platform.DEFAULT_TENANT;
    if (directory.people(tenant).isEmpty() && java.nio.file.Files.isRegularFile(csv)) {
      try {
        directory.importCsv(tenant, java.nio.file.Files.readString(csv));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return directory.people(tenant).size();
  }

  static void loadDemoData(VectorDatabase db) {
    if (db.exists("cities")) {
      return;
    }
    VectorCollection cities = db.create("cities", new CollectionConfig(2, Distance.EUCLID));
    cities.createPayloadIndex("country", PayloadSchema.KEYWORD);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < CITIES.length; i++) {
      String[] c = CITIES[i];
      points.add(
          new Point(
              PointId.of(i + 1),
              new float[] {Float.parseFloat(c[3]), Float.parseFloat(c[4])},
              JSON.createObjectNode().put("name", c[0]).put("name_zh", c[1]).put("country", c[2])));
    }
    cities.upsert(points, true);
  }
}
