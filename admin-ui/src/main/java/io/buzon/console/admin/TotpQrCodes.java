package io.buzon.console.admin;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/**
 * QR codes of {@code otpauth://} URIs for authenticator apps. Secrets, URIs and code checks are the store's
 * ({@code io.buzon.store.auth.Totp}); drawing the picture is the console's only part in TOTP.
 */
public final class TotpQrCodes {

    private TotpQrCodes() {
    }

    /** A PNG data URI of the QR code for {@code otpauthUri}. */
    public static String dataUri(String otpauthUri) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(otpauthUri, BarcodeFormat.QR_CODE, 220, 220);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }
}
