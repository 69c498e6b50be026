// The UI program typechecks the Worker's route types (AppType), which pulls in
// Worker source. DOM's SubtleCrypto wins over workerd's in this program, so
// restate the one workerd extension that Worker code calls.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}
