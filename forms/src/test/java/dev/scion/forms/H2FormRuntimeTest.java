package dev.scion.forms;

/** The approvals on Flowable over embedded H2, the default. */
class H2FormRuntimeTest extends FormRuntimeContract {
  @Override
  FormRuntime openRuntime() {
    return FormRuntime.open("jdbc:h2:mem:forms-test;DB_CLOSE_DELAY=-1", "sa", "");
  }
}
