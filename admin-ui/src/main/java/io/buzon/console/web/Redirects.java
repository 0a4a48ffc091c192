package io.buzon.console.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Post/redirect/get: after a change, the browser lands on a page that shows what was done. */
public final class Redirects {

    private Redirects() {
    }

    public static Response to(String path, String doneKey) {
        UriBuilder b = UriBuilder.fromPath(path);
        if (doneKey != null) {
            b.queryParam("done", doneKey);
        }
        return Response.seeOther(b.build()).build();
    }

    public static Response to(String path) {
        return to(path, null);
    }
}
