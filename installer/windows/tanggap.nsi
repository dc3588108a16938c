; Tanggap for Windows: per-user installer built from the PyInstaller one-folder bundle.
; makensis /DVERSION=0.1.0 /DVERSION_NUMERIC=0.1.0.0 /DBUNDLE_DIR=<dist\tanggap> /DICON=<tanggap.ico>
;          /DOUTDIR=<folder for the setup exe> installer\windows\tanggap.nsi
; (installer/build.sh passes these.) The program goes to %LOCALAPPDATA%\Programs\Tanggap without
; admin rights; complaints, settings and logs live in %LOCALAPPDATA%\Tanggap, which neither an
; upgrade nor the uninstaller touches.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass /DVERSION=x.y.z (from desktop.__version__)"
!endif
!ifndef VERSION_NUMERIC
  !error "pass /DVERSION_NUMERIC=x.y.z.w"
!endif
!ifndef BUNDLE_DIR
  !error "pass /DBUNDLE_DIR=<the PyInstaller dist\tanggap folder>"
!endif
!ifndef ICON
  !error "pass /DICON=<resources\icons\tanggap.ico>"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif

!define APP_NAME "Tanggap"
!define APP_EXE "tanggap.exe"
!define PUBLISHER "Tanggap contributors"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Tanggap"
!define APP_KEY "Software\Tanggap"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTDIR}\Tanggap-Setup-${VERSION}.exe"
InstallDir "$LOCALAPPDATA\Programs\Tanggap"
; An upgrade goes where the previous version went.
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Indonesian first: it is the default the language dialog offers.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString AppRunning ${LANG_INDONESIAN} "Tanggap sedang berjalan. Tutup semua jendela Tanggap, lalu klik Coba Lagi."
LangString AppRunning ${LANG_ENGLISH} "Tanggap is running. Close every Tanggap window, then click Retry."
LangString ShortcutComment ${LANG_INDONESIAN} "Workstation pengaduan masyarakat"
LangString ShortcutComment ${LANG_ENGLISH} "Complaint-handling workstation"
LangString DataKept ${LANG_INDONESIAN} "Data pengaduan dan pengaturan Anda tetap tersimpan di $LOCALAPPDATA\Tanggap."
LangString DataKept ${LANG_ENGLISH} "Your complaints and settings are kept in $LOCALAPPDATA\Tanggap."

; Files of a running tanggap.exe cannot be replaced: ask the user to close it instead of failing halfway.
!macro WaitUntilClosed ID
  retry_${ID}:
    ClearErrors
    IfFileExists "$INSTDIR\${APP_EXE}" 0 closed_${ID}
    Rename "$INSTDIR\${APP_EXE}" "$INSTDIR\${APP_EXE}.check"
    IfErrors 0 renamed_${ID}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry_${ID}
    Abort
  renamed_${ID}:
    Rename "$INSTDIR\${APP_EXE}.check" "$INSTDIR\${APP_EXE}"
  closed_${ID}:
!macroend

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Tanggap" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !insertmacro WaitUntilClosed install
  ; Upgrade in place: drop the old bundle's libraries so no stale file outlives its version.
  ; Safe, because nothing of the user's is ever stored under $INSTDIR.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\Tanggap"
  CreateShortcut "$SMPROGRAMS\Tanggap\Tanggap.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"
  CreateShortcut "$DESKTOP\Tanggap.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WaitUntilClosed uninstall
  Delete "$DESKTOP\Tanggap.lnk"
  RMDir /r "$SMPROGRAMS\Tanggap"
  ; Only the program folder goes; $LOCALAPPDATA\Tanggap (the user's data) stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DetailPrint "$(DataKept)"
SectionEnd
