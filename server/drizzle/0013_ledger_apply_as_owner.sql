-- An account's balance is set by the entries' trigger only. The trigger's function now runs as
-- the tables' owner (SECURITY DEFINER), so the serving role needs no UPDATE on balances at all:
-- it is granted UPDATE on ledger_accounts.created_at only (SELECT … FOR UPDATE needs an UPDATE
-- privilege), which the guard refuses anyway. A trigger the serving role writes itself (say on
-- a temporary table) can no longer reach a balance: it runs with the serving role's privileges.
ALTER FUNCTION ledger_apply_entry() SECURITY DEFINER SET search_path = public, pg_temp;
