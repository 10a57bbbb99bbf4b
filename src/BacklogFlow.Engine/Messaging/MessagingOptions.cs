using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Messaging;

/// <summary>Configuration section "BacklogFlow:Messaging".</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "BacklogFlow:Messaging";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport != BusTransport.RabbitMq)
        {
            yield break;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(RabbitMq, new ValidationContext(RabbitMq), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"RabbitMq: {result.ErrorMessage}", result.MemberNames.Select(m => $"RabbitMq.{m}"));
        }
    }
}
