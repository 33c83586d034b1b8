-- Who receives a refund (退费收款人) and where (收款账号): the resident by default (both null), an heir for a deceased
-- resident, a guardian for a child (issue 17: the refund screens show the payee beside the amount).
alter table canbao.refund add column payee_name varchar(60);
alter table canbao.refund add column payee_account varchar(40);
