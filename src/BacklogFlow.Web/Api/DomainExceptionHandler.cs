using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Quarantine;
using Microsoft.AspNetCore.Diagnostics;

namespace BacklogFlow.Web.Api;

/// <summary>
/// Turns what the domain and the engine refuse into problem+json with the reason in words: a task
/// someone else holds or a case in the wrong state is a conflict (409), something that does not
/// exist is 404, what the law does not allow is 422. A refusal by the reviewer who intended it is
/// 422 too, not 403: the caller may decide cases (their role is right), but the four-eyes rule does
/// not allow this decision from them; a second reviewer can make the same request. A supervisor's
/// edit against a version that is no longer current is 412 (reload, then edit again). Anything else
/// stays a 500 without details.
/// </summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            TaskNotHeldException => (StatusCodes.Status409Conflict, "You do not hold this task"),
            InvalidCaseTransitionException => (StatusCodes.Status409Conflict, "The case is not in a state that allows this"),
            QuarantineActionException => (StatusCodes.Status409Conflict, "The quarantined message cannot be handled so"),
            KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            DeadlineLedgerException => (StatusCodes.Status422UnprocessableEntity, "The law does not allow this"),
            StaleSettingException => (StatusCodes.Status412PreconditionFailed, "Changed since you looked"),
            RebalanceRefusedException => (StatusCodes.Status422UnprocessableEntity, "The rebalancing is not allowed"),
            FourEyesViolationException => (StatusCodes.Status422UnprocessableEntity, "A refusal needs a second reviewer (four eyes)"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
