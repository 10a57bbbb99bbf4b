using Microsoft.AspNetCore.Http.HttpResults;

namespace BacklogFlow.Web.Api;

/// <summary>problem+json answers the endpoints give themselves (the exception handler gives the rest).</summary>
public static class Problems
{
    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The request cannot be carried out");

    /// <summary>The request itself is malformed or incomplete (a missing field, a value out of range), before any rule is asked.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid");
}
