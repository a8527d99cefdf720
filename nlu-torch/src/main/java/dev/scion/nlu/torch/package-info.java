/**
 * Neural multi-intent and slot understanding trained with PyTorch (through Deep Java Library, CPU
 * only): {@link dev.scion.nlu.torch.NeuralJointModel}. It lives apart from {@code scion-nlu}
 * because the PyTorch native library weighs over 100 MB; modules that only run the averaged
 * perceptrons do not carry it. Models are found by {@link dev.scion.nlu.IntentSlotModel#load}
 * through the service {@link dev.scion.nlu.IntentSlotModel.Loader}.
 */
package dev.scion.nlu.torch;
