package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BpmnWriterTest {
  @Test
  void everyStepIsATaskAndEveryFlowConnectsKnownElements() throws Exception {
    Form f = FormParser.parse(FormLanguageTest.EXPENSE);
    String xml = BpmnWriter.write(f);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document d =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    NodeList tasks = d.getElementsByTagNameNS("*", "userTask");
    assertEquals(6, tasks.getLength(), "five steps and the escalation of finance");
    java.util.Set<String> ids = new java.util.HashSet<>();
    NodeList all = d.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      String id = ((Element) all.item(i)).getAttribute("id");
      if (!id.isEmpty()) {
        assertTrue(ids.add(id), "ids are unique: " + id);
      }
    }
    NodeList flows = d.getElementsByTagNameNS("*", "sequenceFlow");
    for (int i = 0; i < flows.getLength(); i++) {
      Element e = (Element) flows.item(i);
      assertTrue(ids.contains(e.getAttribute("sourceRef")), e.getAttribute("id"));
      assertTrue(ids.contains(e.getAttribute("targetRef")), e.getAttribute("id"));
    }
    assertTrue(xml.contains("<conditionExpression>${amount &gt; 5000}</conditionExpression>"), xml);
    assertTrue(xml.contains("flowable:candidateGroups=\"finance\""));
    assertTrue(
        xml.contains("sourceRef=\"decided_finance\" targetRef=\"team_lead\""),
        "a rejection at finance goes back");
    assertTrue(xml.contains("nrOfCompletedInstances >= 1"), "any one approves");
    assertTrue(
        xml.contains("<timeDuration>PT48H</timeDuration>"), "finance escalates after 48 hours");
  }
}
