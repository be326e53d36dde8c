package org.defiancenetwork.cast.castv2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * One Cast v2 message: the protobuf {@code extensions.api.cast_channel.CastMessage} (proto2) that
 * senders and receivers exchange over TLS. It is the only protobuf message the node speaks, so it
 * is encoded here by hand (seven fields) rather than with a protobuf runtime and generated code.
 * Field numbers: 1 protocol_version (enum, always 0), 2 source_id, 3 destination_id, 4 namespace,
 * 5 payload_type (0 STRING, 1 BINARY), 6 payload_utf8, 7 payload_binary.
 */
public record CastMessage(String sourceId, String destinationId, String namespace, String payloadUtf8,
        byte[] payloadBinary) {

    /** Receivers refuse messages over 64 KiB (Cast channel limit); so does the node. */
    public static final int MAX_SIZE = 65536;

    /** A message from the device the node cannot read; the connection is not to be trusted after it. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    public static CastMessage text(String sourceId, String destinationId, String namespace, String json) {
        return new CastMessage(sourceId, destinationId, namespace, json, null);
    }

    public boolean binary() {
        return payloadBinary != null;
    }

    /** The message as protobuf bytes (without the length prefix). */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (payloadUtf8 == null ? 0 : payloadUtf8.length() * 3));
        varintField(out, 1, 0);
        stringField(out, 2, sourceId);
        stringField(out, 3, destinationId);
        stringField(out, 4, namespace);
        varintField(out, 5, binary() ? 1 : 0);
        if (binary()) {
            bytesField(out, 7, payloadBinary);
        } else {
            stringField(out, 6, payloadUtf8 == null ? "" : payloadUtf8);
        }
        return out.toByteArray();
    }

    /** The message with its 4-byte big-endian length in front, as it goes on the wire. */
    public byte[] frame() {
        byte[] body = encode();
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** Reads one message (the bytes after the length prefix); anything that is not a valid CastMessage is refused. */
    public static CastMessage decode(byte[] bytes) throws Malformed {
        if (bytes.length > MAX_SIZE) {
            throw new Malformed("message of " + bytes.length + " bytes exceeds " + MAX_SIZE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Long version = null;
        Long payloadType = null;
        String source = null;
        String destination = null;
        String namespace = null;
        String utf8 = null;
        byte[] binary = null;
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> {
                    long value = varint(in);
                    if (field == 1) {
                        version = value;
                    } else if (field == 5) {
                        payloadType = value;
                    } else if (field >= 2 && field <= 7) {
                        throw new Malformed("field " + field + " must be length-delimited");
                    }
                }
                case 2 -> {
                    long length = varint(in);
                    if (length > in.remaining()) {
                        throw new Malformed("field " + field + " claims " + length + " bytes, " + in.remaining() + " left");
                    }
                    byte[] value = new byte[(int) length];
                    in.get(value);
                    switch (field) {
                        case 2 -> source = utf8(value, field);
                        case 3 -> destination = utf8(value, field);
                        case 4 -> namespace = utf8(value, field);
                        case 6 -> utf8 = utf8(value, field);
                        case 7 -> binary = value;
                        case 1, 5 -> throw new Malformed("field " + field + " must be a varint");
                        default -> {
                            // unknown field from a newer protocol: skipped, as protobuf demands
                        }
                    }
                }
                case 1 -> skip(in, 8, field);
                case 5 -> skip(in, 4, field);
                default -> throw new Malformed("unsupported wire type " + wireType + " in field " + field);
            }
        }
        if (version == null || source == null || destination == null || namespace == null || payloadType == null) {
            throw new Malformed("a required field is missing");
        }
        if (version != 0) {
            throw new Malformed("protocol version " + version + " is not CASTV2_1_0");
        }
        if (payloadType == 0 && utf8 == null || payloadType == 1 && binary == null || payloadType > 1) {
            throw new Malformed("payload does not match payload type " + payloadType);
        }
        return payloadType == 0 ? new CastMessage(source, destination, namespace, utf8, null)
                : new CastMessage(source, destination, namespace, null, binary);
    }

    private static String utf8(byte[] value, int field) throws Malformed {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("field " + field + " is not UTF-8");
        }
    }

    private static void skip(ByteBuffer in, int bytes, int field) throws Malformed {
        if (in.remaining() < bytes) {
            throw new Malformed("field " + field + " is cut short");
        }
        in.position(in.position() + bytes);
    }

    private static long varint(ByteBuffer in) throws Malformed {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new Malformed("varint is cut short");
            }
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new Malformed("varint is longer than 10 bytes");
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
    }

    private static void stringField(ByteArrayOutputStream out, int field, String value) {
        bytesField(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
