package io.pulse.export;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents an endpoint that answers with an {@link ExportFiles} file, CSV or XLSX. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses(
    @ApiResponse(
        responseCode = "200",
        description = "The file (Content-Disposition: attachment)",
        content = {
          @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
          @Content(
              mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              schema = @Schema(type = "string", format = "binary"))
        }))
public @interface FileDownload {}
