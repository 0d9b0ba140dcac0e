import { type ContentHeader, decodeMethod, type Method, parseContentHeader, Properties } from "../../protocol/index.js";

/** Whether b[at..] holds exactly the bytes of `ref` (b's length checked by the caller); a loop beats a native call this short. */
function sameBytesAt(b: Buffer, at: number, ref: Buffer): boolean {
  const n = ref.length;
  if (n > 64) return b.compare(ref, 0, n, at, at + n) === 0;
  for (let i = 0; i < n; i++) if (b[at + i] !== ref[i]) return false;
  return true;
}

/**
 * What a channel's last publish looked like. Publishers mostly repeat the same basic.publish (exchange, key, flags)
 * and the same properties: a frame with the bytes seen last time decodes to what it decoded to then, so it is not
 * decoded again, and the queued messages share one properties object and one routing-key string.
 */
export class PublishRepeats {
  private publishFrame: Buffer | undefined;
  private publishMethod: Method | undefined;
  private properties = Properties.EMPTY;
  private key = "";

  /** decodeMethod, answered from the last basic.publish when the payload is byte for byte the same. */
  method(payload: Buffer): Method {
    const last = this.publishFrame;
    if (last !== undefined && payload.length === last.length && sameBytesAt(payload, 0, last)) return this.publishMethod!;
    const m = decodeMethod(payload);
    if (m.name === "basic.publish") {
      this.publishFrame = Buffer.from(payload);
      this.publishMethod = m;
    }
    return m;
  }

  /** parseContentHeader, sharing the last properties when the property bytes are the same. */
  header(payload: Buffer): ContentHeader {
    const raw = this.properties.raw;
    // 12 bytes of class, weight and size before the properties (parseContentHeader refuses anything under 14)
    if (payload.length !== 12 + raw.length || !sameBytesAt(payload, 12, raw)) {
      const h = parseContentHeader(payload);
      this.properties = h.properties;
      return h;
    }
    return {
      classId: payload.readUInt16BE(0),
      weight: payload.readUInt16BE(2),
      bodySize: payload.readUInt32BE(4) * 0x100000000 + payload.readUInt32BE(8),
      properties: this.properties,
    };
  }

  /** The routing key as the previous publish's string when it is the same, so queued messages share it. */
  routingKey(key: string): string {
    if (key === this.key) return this.key;
    return (this.key = key);
  }
}
