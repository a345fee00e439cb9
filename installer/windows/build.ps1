# Build the Windows bundle (PyInstaller, onedir) and the setup program (Inno Setup 6) of nianbao.
# (This file stays ASCII: Windows PowerShell 5.1 reads a script without BOM in the ANSI code page.)
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 [-Python py] [-Iscc "C:\...\ISCC.exe"] [-SkipSetup]
#
# Creates a virtual environment in build\venv-win, installs the program with the pinned versions of constraints.txt
# plus PyInstaller, builds dist\nianbao\ from installer\nianbao.spec, starts the frozen program twice as a smoke test
# (Word export of the bundled sample; main window offscreen) and compiles dist\nianbao-setup-<version>.exe.
[CmdletBinding()]
param(
    [string]$Python = "python",
    [string]$Iscc = "",
    [switch]$SkipSetup
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A GUI-subsystem program (console=False): start it and wait for its exit code.
function Invoke-Frozen([string[]]$Arguments) {
    $quoted = $Arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
    $p = Start-Process -FilePath (Join-Path $Root "dist\nianbao\nianbao.exe") -ArgumentList $quoted -Wait -PassThru `
        -NoNewWindow
    return $p.ExitCode
}

# ---- virtual environment -------------------------------------------------------------------------------------
$Venv = Join-Path $Root "build\venv-win"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
    Write-Host "== creating $Venv"
    Invoke-Checked $Python @("-m", "venv", $Venv)
}
Invoke-Checked $VenvPy @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip")
Invoke-Checked $VenvPy @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", "constraints.txt",
    ".", "pyinstaller")

$Version = (& $VenvPy -c "import app; print(app.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "cannot read app.__version__" }
Write-Host "== nianbao $Version"

# ---- PyInstaller bundle --------------------------------------------------------------------------------------
Invoke-Checked $VenvPy @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", (Join-Path $Root "dist"), "--workpath", (Join-Path $Root "build\pyinstaller"),
    (Join-Path $Root "installer\nianbao.spec"))
$size = (Get-ChildItem -Recurse -File (Join-Path $Root "dist\nianbao") | Measure-Object -Sum Length).Sum
Write-Host ("== bundle: {0:N0} MB" -f ($size / 1MB))

# ---- smoke test of the frozen program ------------------------------------------------------------------------
$docx = Join-Path $Root "build\smoke.docx"
Remove-Item -ErrorAction SilentlyContinue $docx
$code = Invoke-Frozen @("export", (Join-Path $Root "resources\samples\seed-2020-yanchi.nianbao"), "-o", $docx)
if ($code -ne 0 -or -not (Test-Path $docx)) { throw "frozen export failed (exit code $code)" }
Write-Host "== smoke: export ok"
$env:QT_QPA_PLATFORM = "offscreen"
try { $code = Invoke-Frozen @("gui", "--smoke-test") } finally { Remove-Item Env:QT_QPA_PLATFORM }
if ($code -ne 0) { throw "frozen gui --smoke-test failed (exit code $code)" }
Write-Host "== smoke: main window ok"

if ($SkipSetup) { return }

# ---- Inno Setup ----------------------------------------------------------------------------------------------
if (-not $Iscc) {
    $candidates = @(
        (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue | ForEach-Object { $_.Source }),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    ) | Where-Object { $_ -and (Test-Path $_) }
    if (-not $candidates) { throw "ISCC.exe (Inno Setup 6) not found; install it (choco install innosetup) or pass -Iscc" }
    $Iscc = @($candidates)[0]
}
Invoke-Checked $Iscc @("/Qp", "/DAppVersion=$Version", "/DBundleDir=$(Join-Path $Root 'dist\nianbao')",
    "/DOutputDir=$(Join-Path $Root 'dist')", (Join-Path $Root "installer\windows\nianbao.iss"))
$setup = Join-Path $Root "dist\nianbao-setup-$Version.exe"
if (-not (Test-Path $setup)) { throw "no $setup" }
Write-Host ("== setup: {0} ({1:N1} MB)" -f $setup, ((Get-Item $setup).Length / 1MB))
