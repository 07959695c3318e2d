import Foundation
import FristCalendar
import FristEngine
import FristFormats

/// libFuzzer's entry: one input is one event line. Built only with `FRISTVAKT_FUZZ=1` and
/// `--sanitize fuzzer` (see script/fuzz); libFuzzer supplies `main`.
///
/// Beyond "never crashes, never hangs", each input is held to three properties; a violation traps,
/// and libFuzzer saves the input:
/// - decoding is deterministic (the same bytes give the same event or the same refusal);
/// - a line the decoder accepts is JSON to Foundation's `JSONSerialization` too, an object whose
///   `id`, `case`, `type` and `date` are the strings the event holds;
/// - a refusal names a code and a non-empty reason.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let first = Result { () throws(EventRefusal) in try EventDecoder.decode(bytes) }
    let second = Result { () throws(EventRefusal) in try EventDecoder.decode(bytes) }
    switch (first, second) {
    case (.success(let event), .success(let again)):
        precondition(event == again, "decoding is not deterministic")
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        guard let object else { preconditionFailure("accepted a line JSONSerialization refuses") }
        precondition(object["id"] as? String == event.id, "id differs")
        precondition(object["case"] as? String == event.caseRef, "case differs")
        precondition(object["type"] as? String == event.payload.type.rawValue, "type differs")
        precondition(object["date"] as? String == event.date.description, "date differs")
    case (.failure(let refusal), .failure(let again)):
        precondition(refusal.code == again.code && refusal.reason == again.reason, "refusal is not deterministic")
        precondition(!refusal.reason.isEmpty, "a refusal without a reason")
    default:
        preconditionFailure("decoding is not deterministic")
    }
    return 0
}
