package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.defiancenetwork.cast.castv2.CastMessage;
import org.defiancenetwork.cast.castv2.DeviceMessage;
import org.defiancenetwork.cast.castv2.Namespaces;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hand-written CastMessage codec against frames recorded from npm castv2's protobuf encoder
 * (the reference implementation senders and our test device use): same bytes both ways.
 */
class CastMessageTest {

    @Test
    void encodesConnectExactlyAsTheReferenceEncoder() throws Exception {
        CastMessage connect = CastMessage.text(Namespaces.SENDER, Namespaces.PLATFORM, Namespaces.CONNECTION, "{\"type\":\"CONNECT\"}");
        assertArrayEquals(recorded("connect"), connect.frame());
    }

    @Test
    void decodesAReceiverStatusAndItsPayload() throws Exception {
        CastMessage m = CastMessage.decode(body(recorded("receiver-status")));
        assertEquals("receiver-0", m.sourceId());
        assertEquals("sender-0", m.destinationId());
        assertEquals(Namespaces.RECEIVER, m.namespace());
        DeviceMessage said = new ObjectMapper().readValue(m.payloadUtf8(), DeviceMessage.class);
        DeviceMessage.ReceiverStatus status = (DeviceMessage.ReceiverStatus) said;
        assertEquals(1, status.requestId());
        assertEquals("web-5", status.status().applications().get(0).transportId());
        assertEquals(0.5, status.status().volume().level());
        assertArrayEquals(recorded("receiver-status"), m.frame(), "re-encodes to the same bytes");
    }

    @Test
    void keepsUnicodeAndBinaryPayloadsIntact() throws Exception {
        CastMessage text = CastMessage.decode(body(recorded("unicode")));
        assertTrue(text.payloadUtf8().contains("Eulen über der Stadt — 夜"));
        assertArrayEquals(recorded("unicode"), text.frame());
        CastMessage binary = CastMessage.decode(body(recorded("binary")));
        assertTrue(binary.binary());
        assertArrayEquals(new byte[] { 0x0a, 0x00, (byte) 0xff, (byte) 0x80 }, binary.payloadBinary());
        assertArrayEquals(recorded("binary"), binary.frame());
    }

    @Test
    void unknownMessageTypesDecodeAsOther() throws Exception {
        DeviceMessage said = new ObjectMapper().readValue("{\"type\":\"SOMETHING_NEW\",\"x\":1}", DeviceMessage.class);
        assertTrue(said instanceof DeviceMessage.Other);
    }

    @Test
    void refusesTruncatedAndMalformedMessages() throws Exception {
        byte[] good = body(recorded("receiver-status"));
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(Arrays.copyOf(good, good.length - 5)), "cut short");
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(new byte[] { (byte) 0xff, (byte) 0xff }), "junk");
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode("hello, not protobuf".getBytes(StandardCharsets.UTF_8)));
        // only protocol_version and source_id: the other required fields are missing
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(new byte[] { 0x08, 0x00, 0x12, 0x01, 0x61 }));
        // protocol version 1 does not exist
        byte[] future = good.clone();
        future[1] = 1;
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(future));
        // invalid UTF-8 in the namespace
        byte[] badUtf8 = { 0x08, 0x00, 0x12, 0x01, 0x61, 0x1a, 0x01, 0x62, 0x22, 0x01, (byte) 0xc3, 0x28, 0x00, 0x32, 0x00 };
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(badUtf8));
        assertThrows(CastMessage.Malformed.class, () -> CastMessage.decode(new byte[CastMessage.MAX_SIZE + 1]));
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws Exception {
        byte[] good = body(recorded("connect"));
        // field 9, varint 150, appended: a newer sender may add fields
        byte[] extended = ByteBuffer.allocate(good.length + 3).put(good).put(new byte[] { 0x48, (byte) 0x96, 0x01 }).array();
        CastMessage m = CastMessage.decode(extended);
        assertEquals("{\"type\":\"CONNECT\"}", m.payloadUtf8());
        assertFalse(m.binary());
    }

    static byte[] recorded(String name) throws IOException {
        try (InputStream in = CastMessageTest.class.getResourceAsStream("/cast/" + name + ".frame.hex")) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    private static byte[] body(byte[] frame) {
        int length = ByteBuffer.wrap(frame).getInt();
        assertEquals(frame.length - 4, length, "recorded length prefix");
        return Arrays.copyOfRange(frame, 4, frame.length);
    }
}
