using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Accounts;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// Accounts and their API keys (Alpaca's paper keys are the model): the operator creates accounts and keys; a key is
/// random, shown once, kept only as its hash, and revoked with DELETE. An account's own key may read its account.
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/accounts").WithTags("Accounts");
        group.MapPost("/", CreateAsync).WithName("CreateAccount")
            .ReadsBody<CreateAccountRequest>("application/json", required: true)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireOperatorKey();
        group.MapGet("/", ListAsync).WithName("ListAccounts").ProducesValidationProblem().RequireOperatorKey();
        group.MapGet("/{accountId}", GetAsync).WithName("GetAccount")
            .SecuredBy(ApiReference.OperatorKey, ApiReference.ApiKey, ApiReference.ApiKeyAuthorization)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{accountId}/keys", CreateKeyAsync).WithName("CreateApiKey").RequireOperatorKey().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{accountId}/keys/{keyId}", RevokeKeyAsync).WithName("RevokeApiKey").RequireOperatorKey().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Creates an account: 201 with it.</summary>
    public static async Task<Results<Created<Account>, ValidationProblem>> CreateAsync(CreateAccountRequest request, IAccountStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Errors() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The account request is invalid.");
        }

        var account = new Account(ApiKeys.NewAccountId(), request.Name!, time.GetUtcNow());
        await store.CreateAsync(account, cancellationToken);
        return TypedResults.Created($"/live-sim/accounts/{account.AccountId}", account);
    }

    /// <summary>The accounts in id order, a page at a time (<c>?after=&lt;last id&gt;&amp;limit=</c>).</summary>
    public static async Task<Results<Ok<AccountPage>, ValidationProblem>> ListAsync(IAccountStore store, string? after, int? limit, CancellationToken cancellationToken)
    {
        var (size, errors) = Paging.Limit(limit);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid limit.");
        }

        var accounts = await store.ListAsync(after, size, cancellationToken);
        return TypedResults.Ok(new AccountPage(accounts, accounts.Count == size ? accounts[^1].AccountId : null));
    }

    /// <summary>An account with its keys (never the keys themselves) and its quotas: for the operator, or for the account's own key.</summary>
    public static async Task<Results<Ok<AccountDetails>, ProblemHttpResult>> GetAsync(
        string accountId, HttpRequest request, CallerResolver callers, IAccountStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(request);
        if (!caller.IsOperator && caller.AccountId is null)
        {
            return TypedResults.Problem("Send the operator key (X-Operator-Key) or the account's API key (Authorization: ApiKey <key>, or X-Api-Key).", statusCode: StatusCodes.Status401Unauthorized, title: "Credentials required.");
        }

        if (!caller.IsOperator && caller.AccountId != accountId)
        {
            return TypedResults.Problem("An API key reads only its own account.", statusCode: StatusCodes.Status403Forbidden, title: "Another account.");
        }

        if (await store.GetAsync(accountId, cancellationToken) is not { } account)
        {
            return NotFound(accountId);
        }

        var keys = await store.ListKeysAsync(accountId, cancellationToken);
        var usage = await grains.GetGrain<IQuotaGrain>(QuotaKeys.Of(accountId)).GetUsageAsync();
        return TypedResults.Ok(new AccountDetails(account.AccountId, account.Name, account.CreatedAt, keys, usage));
    }

    /// <summary>Makes a key for the account: 201 with the key, shown this once (only its hash is kept).</summary>
    public static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateKeyAsync(string accountId, IAccountStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(accountId, cancellationToken) is null)
        {
            return NotFound(accountId);
        }

        var key = ApiKeys.NewKey();
        var info = new ApiKeyInfo(ApiKeys.NewKeyId(), accountId, key[..ApiKeys.ShownPrefix], time.GetUtcNow());
        await store.AddKeyAsync(info, AccessTokens.Hash(key), cancellationToken);
        return TypedResults.Created($"/live-sim/accounts/{accountId}/keys/{info.KeyId}", new ApiKeyCreated(info.KeyId, accountId, info.Prefix, info.CreatedAt, key));
    }

    /// <summary>Revokes a key (idempotent): refused at once by this silo, and by every silo within <c>LiveSim:Auth:KeyCache</c>.</summary>
    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> RevokeKeyAsync(
        string accountId, string keyId, IAccountStore store, ApiKeyCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeKeyAsync(accountId, keyId, time.GetUtcNow(), cancellationToken);
        cache.Forget(keyId);
        return revoked is not null
            ? TypedResults.Ok(revoked)
            : TypedResults.Problem($"Account '{accountId}' has no key '{keyId}'.", statusCode: StatusCodes.Status404NotFound, title: "API key not found.");
    }

    private static ProblemHttpResult NotFound(string accountId) =>
        TypedResults.Problem($"No account '{accountId}'.", statusCode: StatusCodes.Status404NotFound, title: "Account not found.");
}

/// <summary>A page of accounts; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record AccountPage(IReadOnlyList<Account> Accounts, string? Next);

/// <summary>An account, its keys (ids and prefixes, never the keys) and its quotas.</summary>
public sealed record AccountDetails(string AccountId, string Name, DateTimeOffset CreatedAt, IReadOnlyList<ApiKeyInfo> Keys, QuotaUsage Quotas);

/// <summary>A new API key: <see cref="Key"/> is shown this once.</summary>
public sealed record ApiKeyCreated(string KeyId, string AccountId, string Prefix, DateTimeOffset CreatedAt, string Key);
