package dev.atelier.adapters.http.designs;

import dev.atelier.adapters.http.ETags;
import dev.atelier.adapters.http.PageDocument;
import dev.atelier.adapters.http.Query;
import dev.atelier.adapters.http.designs.DesignDocuments.ChangeStatusRequest;
import dev.atelier.adapters.http.designs.DesignDocuments.CreateDesignRequest;
import dev.atelier.adapters.http.designs.DesignDocuments.DesignDocument;
import dev.atelier.adapters.http.designs.DesignDocuments.UpdateDesignRequest;
import dev.atelier.adapters.http.messaging.TracedRequest;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.designs.ChangeDesignStatusUseCase;
import dev.atelier.application.designs.CreateDesignUseCase;
import dev.atelier.application.designs.DeleteDesignUseCase;
import dev.atelier.application.designs.DesignFilter;
import dev.atelier.application.designs.FindDesignsUseCase;
import dev.atelier.application.designs.UpdateDesignUseCase;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;

/** The designs API of SPEC §2. Every response that carries a design carries its version as the ETag. */
@Controller("/api/designs")
@ProblemResponses
@TracedRequest
@ExecuteOn(TaskExecutors.BLOCKING)
class DesignsController {

    private final CreateDesignUseCase creating;
    private final UpdateDesignUseCase updating;
    private final ChangeDesignStatusUseCase reviewing;
    private final DeleteDesignUseCase deleting;
    private final FindDesignsUseCase finding;

    DesignsController(CreateDesignUseCase creating, UpdateDesignUseCase updating, ChangeDesignStatusUseCase reviewing,
                      DeleteDesignUseCase deleting, FindDesignsUseCase finding) {
        this.creating = creating;
        this.updating = updating;
        this.reviewing = reviewing;
        this.deleting = deleting;
        this.finding = finding;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "the design, with its Location and ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DesignDocument.class)))
    MutableHttpResponse<DesignDocument> create(@Body CreateDesignRequest request) {
        Design design = creating.create(CreateDesignUseCase.Command.of(request.title(), request.description(),
                request.userId(), request.status()));
        return withETag(HttpResponse.created(DesignDocument.of(design), URI.create("/api/designs/" + design.id())),
                design);
    }

    @Get
    PageDocument<DesignDocument> list(@Nullable @QueryValue("user_id") String userId,
                                      @Nullable @QueryValue("status") String status,
                                      @Nullable @QueryValue("page") Integer page,
                                      @Nullable @QueryValue("size") Integer size) {
        return PageDocument.of(finding.list(DesignFilter.of(Query.given(userId), Query.given(status)), PageRequest.of(page, size)),
                DesignDocument::of);
    }

    @Get("/{id}")
    MutableHttpResponse<DesignDocument> get(@PathVariable String id) {
        Design design = finding.get(DesignId.parse(id));
        return withETag(HttpResponse.ok(DesignDocument.of(design)), design);
    }

    @Put("/{id}")
    MutableHttpResponse<DesignDocument> update(@PathVariable String id, @Body UpdateDesignRequest request,
                                               @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        Design design = updating.update(new UpdateDesignUseCase.Command(DesignId.parse(id),
                new DesignContent(request.title(), request.description()), ETags.expectedVersion(ifMatch)));
        return withETag(HttpResponse.ok(DesignDocument.of(design)), design);
    }

    @Patch("/{id}/status")
    MutableHttpResponse<DesignDocument> changeStatus(@PathVariable String id, @Body ChangeStatusRequest request) {
        Design design = reviewing.changeStatus(ChangeDesignStatusUseCase.Command.of(DesignId.parse(id),
                request.newStatus(), request.reason()));
        return withETag(HttpResponse.ok(DesignDocument.of(design)), design);
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "deleted")
    HttpResponse<Void> delete(@PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        deleting.delete(DesignId.parse(id), ETags.expectedVersion(ifMatch));
        return HttpResponse.noContent();
    }

    private static MutableHttpResponse<DesignDocument> withETag(MutableHttpResponse<DesignDocument> response,
                                                                Design design) {
        return response.header(HttpHeaders.ETAG, ETags.of(design.version()));
    }
}
