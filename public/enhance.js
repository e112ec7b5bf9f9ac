// Minified by hand: each byte counts against /login's JS budget. ARCHITECTURE.md, "Enhancements", explains it.
(()=>{let d=document,w=window,P=HTMLFormElement.prototype,s=P.submit,on=addEventListener,
b=f=>f.dataset.p||(f.dataset.p=1,f.ariaBusy="true",0),
c=n=>/^ory[A-Za-z]+$/.test(n)&&w[n]?.();
on("submit",e=>{if(b(e.target))e.preventDefault()});
P.submit=function(){if(!b(this))s.call(this)};
on("pageshow",()=>{for(let f of d.querySelectorAll("form[data-p]")){delete f.dataset.p;f.ariaBusy=null}});
on("change",e=>{let t=e.target,x=t.dataset.reveal&&d.getElementById(t.dataset.reveal);if(x)x.type=t.checked?"text":"password"});
on("click",e=>{let t=e.target.closest?.("[data-onclick-trigger]");if(t){e.preventDefault();c(t.dataset.onclickTrigger)}});
on("load",()=>{if(w.__oryWebAuthnInitialized){new Set([...d.querySelectorAll("[data-onload-trigger]")].map(x=>x.dataset.onloadTrigger)).forEach(c);d.documentElement.dataset.webauthnReady="true"}})})();
